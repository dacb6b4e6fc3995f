import type { ReactNode } from 'react';
import clsx from 'clsx';
import Head from '@docusaurus/Head';
import Link from '@docusaurus/Link';
import { translate } from '@docusaurus/Translate';
import { useLocation } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import useIsBrowser from '@docusaurus/useIsBrowser';
import Heading from '@theme/Heading';
import type { Props } from '@theme/NotFound/Content';
import jaCode from '@site/i18n/ja/code.json';

/** The theme translations of the locales other than the default one (i18n/<locale>/code.json). */
const CODE_TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, { readonly message: string }>>>> = { ja: jaCode };


/**
 * The 404 page. Hosts serve one 404.html for every missing path, the default locale's
 * (GitHub Pages, `docusaurus serve`): a reader who mistypes a `/ja/` address gets it too. So,
 * once in the browser, a missing path under another locale's prefix is answered in that
 * locale (its code.json), with a link to that locale's start page. The first render is the
 * static page's, so hydration matches it.
 */
export default function NotFoundContent({ className }: Props): ReactNode {
  const { siteConfig, i18n } = useDocusaurusContext();
  const { pathname } = useLocation();
  const isBrowser = useIsBrowser();
  const home = useBaseUrl('/');
  const pathLocale =
    isBrowser && i18n.currentLocale === i18n.defaultLocale
      ? i18n.locales.find((locale) => locale !== i18n.defaultLocale && CODE_TRANSLATIONS[locale] && (pathname + '/').startsWith(`${siteConfig.baseUrl}${locale}/`))
      : undefined;
  // Static translate() calls, so `npm run write-translations` finds them.
  const own = {
    'theme.NotFound.title': translate({ id: 'theme.NotFound.title', message: 'Page Not Found', description: 'The title of the 404 page' }),
    'theme.NotFound.p1': translate({ id: 'theme.NotFound.p1', message: 'We could not find what you were looking for.', description: 'The first paragraph of the 404 page' }),
    'notFound.home': translate({ id: 'notFound.home', message: 'Go to the start of the guide', description: 'The link from the 404 page to the home page of its locale' }),
  };
  const text = (id: keyof typeof own): string => (pathLocale ? CODE_TRANSLATIONS[pathLocale]?.[id]?.message : undefined) ?? own[id];
  const title = text('theme.NotFound.title');
  return (
    <main className={clsx('container margin-vert--xl', className)} data-not-found-locale={pathLocale ?? i18n.currentLocale}>
      {pathLocale ? (
        <Head>
          <html lang={i18n.localeConfigs[pathLocale]?.htmlLang ?? pathLocale} />
          <title>{`${title} | ${siteConfig.title}`}</title>
        </Head>
      ) : null}
      <div className="row">
        <div className="col col--6 col--offset-3">
          <Heading as="h1" className="hero__title">
            {title}
          </Heading>
          <p>{text('theme.NotFound.p1')}</p>
          <p>
            {pathLocale ? (
              // Another locale's start page is another app: a full page load, as the language menu does.
              <a href={`${siteConfig.baseUrl}${pathLocale}/`}>{text('notFound.home')}</a>
            ) : (
              <Link to={home} autoAddBaseUrl={false}>
                {text('notFound.home')}
              </Link>
            )}
          </p>
        </div>
      </div>
    </main>
  );
}
