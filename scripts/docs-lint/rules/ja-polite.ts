import { report } from '../report';
import { keyPoint, pointAt } from '../source-points';
import type { Rule } from './rule';

const ID = 'ja-polite';

/**
 * The Japanese messages are written in です・ます, like the ja pages: captions, claims, evidence,
 * the release table. A sentence ending in the plain form (だ・である, 応答する) reads as a
 * different voice inside one evidence box. Shell comments (`comment.*`, terse notes inside the
 * commands) and the cells of the version comparison are left to their own style.
 */
const EXEMPT = ['comment.', 'comparison.'];
/** Fragments a claim sentence ends with (`…ファイルは{{outcome}}。`): their last words end the sentence. */
const SENTENCE_FINAL_FRAGMENTS = ['workspaceChown.', 'pagePolicy.', 'editorRoute.'];
const POLITE = /(?:です|ます|ました|ません|ませんでした|でした|ください|でしょう)$/;
/** A sentence ends at 。 outside full-width parentheses: 「（…。…）」 is one aside. */
const SENTENCE_END = /。(?![^（]*）)/;

/** A sentence without the asides and closing quotes after its last word. */
function lastWords(sentence: string): string {
  let text = sentence.trimEnd();
  for (;;) {
    const next = text.replace(/（[^（）]*）$/, '').replace(/[」』]$/, '').trimEnd();
    if (next === text) return text;
    text = next;
  }
}

/** The sentences of a message that end in the plain form, as their last words. */
export function plainSentences(key: string, message: string): string[] {
  if (EXEMPT.some((prefix) => key.startsWith(prefix))) return [];
  const text = SENTENCE_FINAL_FRAGMENTS.some((prefix) => key.startsWith(prefix)) ? `${message}。` : message;
  // The text after the last 。 is not a finished sentence (a label, a fragment a sentence goes on after).
  const sentences = text.split(SENTENCE_END).slice(0, -1).map(lastWords);
  // A sentence ending in {{variable}} ends with the fragment put there, which is checked itself.
  return sentences.filter((sentence) => sentence !== '' && !sentence.endsWith('}}') && !POLITE.test(sentence));
}

export const jaPolite: Rule = {
  id: ID,
  check(site) {
    const catalog = site.catalogs.ja;
    if (!catalog.entries) return;
    const source = String(catalog.file.value);
    for (const [key, message] of Object.entries(catalog.entries)) {
      for (const sentence of plainSentences(key, message)) {
        const tail = sentence.slice(-20);
        report(
          catalog.file,
          ID,
          `Unexpected plain-form sentence ending 「…${tail}。」 in \`${key}\`, expected です・ます (です, ます, ません, ました, ください) as in the rest of the Japanese text`,
          keyPoint(source, key) ?? pointAt(source, 0),
        );
      }
    }
  },
};
