import { useCallback, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';

type SearchBarComponent = ComponentType<Record<string, unknown>>;

const isShortcut = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';

/**
 * The navbar search, loaded when a reader reaches for it (pointer, focus, Ctrl/⌘+K) rather
 * than with every page: its code is a sixth of the JavaScript a docs page would otherwise
 * download. The search plugin already loads its index the same way, on first hover or focus.
 * Until then an input of the same class stands in, so the navbar does not shift.
 */
export default function SearchBar(props: Record<string, unknown>): ReactNode {
  const [Loaded, setLoaded] = useState<SearchBarComponent | undefined>(undefined);
  const [focusWhenLoaded, setFocusWhenLoaded] = useState(false);

  const load = useCallback((focus: boolean) => {
    if (focus) setFocusWhenLoaded(true);
    void import('@theme-original/SearchBar').then((module) => setLoaded(() => module.default as SearchBarComponent));
  }, []);

  useEffect(() => {
    if (Loaded) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      load(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [Loaded, load]);

  useEffect(() => {
    if (Loaded && focusWhenLoaded) document.querySelector<HTMLInputElement>('.navbar__search input.navbar__search-input')?.focus();
  }, [Loaded, focusWhenLoaded]);

  if (Loaded) return <Loaded {...props} />;
  const label = translate({ id: 'theme.SearchBar.label', message: 'Search', description: 'The ARIA label and placeholder for search button' });
  return (
    <div className="navbar__search">
      <input
        className="navbar__search-input"
        placeholder={label}
        aria-label={label}
        readOnly
        onPointerEnter={() => load(false)}
        onFocus={() => load(true)}
      />
    </div>
  );
}
