// Default import too: tools outside Docusaurus (vitest) compile JSX with the classic runtime.
import React, { Fragment, type ReactNode } from 'react';
import type { Claim } from '../../snippets';
import { imageReference } from '../../snippets/images';
import type { Locale, MessageKey } from '../../i18n/messages';
import type { PageTranslate } from '../../i18n/format';
import { formatBytes } from './formatBytes';

interface FormatContext {
  readonly t: PageTranslate;
  readonly locale: Locale;
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ClaimField = Exclude<KeysOfUnion<Claim>, 'kind'>;
/** The type a field has in the claims that carry it (distributes over the union). */
type FieldValue<K extends ClaimField, C = Claim> = C extends { readonly [P in K]: infer V } ? V : never;

const code = (text: string | number): ReactNode => <code>{text}</code>;

function codeList(items: readonly string[], locale: Locale): ReactNode {
  const parts = new Intl.ListFormat(locale, { type: 'conjunction' }).formatToParts(items);
  return parts.map((part, index) => (
    <Fragment key={index}>{part.type === 'element' ? code(part.value) : part.value}</Fragment>
  ));
}

/**
 * How each claim field appears in prose. A field added to the Claim union without an
 * entry here is a type error, so no claim can render a raw value by accident.
 */
const FORMATTERS: { readonly [K in ClaimField]: (value: FieldValue<K>, context: FormatContext) => ReactNode } = {
  container: (name) => code(name),
  proxy: (name) => code(name),
  app: (name) => code(name),
  network: (name) => code(name),
  networks: (names, { locale }) => codeList(names, locale),
  containers: (names, { locale }) => codeList(names, locale),
  variable: (name) => code(name),
  uid: (uid) => code(uid),
  pids: (pids) => String(pids),
  file: (file) => code(file),
  image: (name) => code(imageReference(name)),
  port: (port) => code(port),
  cpus: (cpus) => String(cpus),
  bytes: (bytes) => formatBytes(bytes),
  user: (user, { t }) => t(`user.${user}` satisfies MessageKey),
  withoutVariable: (policy, { t }) => t(`pagePolicy.${policy}` satisfies MessageKey),
  withVariable: (policy, { t }) => t(`pagePolicy.${policy}` satisfies MessageKey),
  route: (route, { t }) => t(`editorRoute.${route}` satisfies MessageKey),
  outcome: (outcome, { t }) => t(`workspaceChown.${outcome}` satisfies MessageKey),
  way: (way, { t }) => t(`egressWay.${way}` satisfies MessageKey),
  cause: (cause, { t }) => t(`egressFailure.${cause}` satisfies MessageKey),
};

function formatField<K extends ClaimField>(field: K, value: FieldValue<K>, context: FormatContext): ReactNode {
  return FORMATTERS[field](value, context);
}

/** The translator interpolates strings only; markers let rich nodes (code spans) replace them afterwards. */
const marker = (field: string) => `\u0000${field}\u0000`;
const MARKERS = /\u0000(\w+)\u0000/;

/** The translated sentence of a claim, with names set as code. */
export function claimText(claim: Claim, context: FormatContext): ReactNode {
  const nodes = new Map<string, ReactNode>();
  const params: Record<string, string> = {};
  // Object.entries widens the pairs; each field is formatted by its own FORMATTERS entry.
  for (const [field, value] of Object.entries(claim) as [ClaimField | 'kind', never][]) {
    if (field === 'kind') continue;
    params[field] = marker(field);
    nodes.set(field, formatField(field, value, context));
  }
  const key = `claim.${claim.kind}` satisfies MessageKey;
  const sentence = context.t(key, params);
  return sentence
    .split(MARKERS)
    .map((part, index) => <Fragment key={index}>{index % 2 === 0 ? part : nodes.get(part)}</Fragment>);
}
