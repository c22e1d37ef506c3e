// The pre-filter's scan (src/core/anchors.ts): a fragment's anchors must be words every match contains, and the
// automaton must find every word that occurs, so the scan can only ever say a fragment may occur where it does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorsOf, WordAutomaton } from '../../../src/core/anchors';
import { rulesThatCanFire } from '../../../src/core/prefilter';
import { jsRules } from '../../../src/core/rules';
import { pythonRules } from '../../../src/core/rules/python';
import { goRules } from '../../../src/core/rules/go';
import { javaRules } from '../../../src/core/rules/java';
import { csharpRules } from '../../../src/core/rules/csharp';

/** A small deterministic generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pre-filter anchors', () => {
  it('reads the words every match must contain, and none where a part is optional or a class', () => {
    assert.deepEqual(anchorsOf('express'), { anchors: ['express'], plain: true });
    assert.deepEqual(anchorsOf('socket\\.io'), { anchors: ['socket.io'], plain: true });
    assert.deepEqual(anchorsOf('\\bfor\\b(?!\\s*await)'), { anchors: ['for'], plain: false });
    assert.deepEqual(anchorsOf('[`\'"](?:node:)?aws-sdk[`\'"]'), { anchors: ['aws-sdk'], plain: false });
    assert.deepEqual(anchorsOf('\\b(?:Records|detail-type)\\b'), { anchors: ['Records', 'detail-type'], plain: false });
    // The longer shortest word wins: the names after AWS_, not AWS_ itself.
    assert.deepEqual(anchorsOf('AWS_(?:ACCESS_KEY_ID|SESSION_TOKEN)'), { anchors: ['ACCESS_KEY_ID', 'SESSION_TOKEN'], plain: false });
    // An optional character ends the word before it.
    assert.deepEqual(anchorsOf('sqlite3?'), { anchors: ['sqlite'], plain: false });
    assert.deepEqual(anchorsOf('\\bTimer\\b'), { anchors: ['Timer'], plain: false, wholeWord: true });
    assert.deepEqual(anchorsOf('\\bFile\\b(?=\\.)'), { anchors: ['File'], plain: false });
    assert.deepEqual(anchorsOf('\\bsocket\\.io\\b'), { anchors: ['socket.io'], plain: false });
    assert.deepEqual(anchorsOf('a(?:bc)+d'), { anchors: ['bc'], plain: false });
    // A word the automaton cannot read (not ASCII) is passed over for one it can.
    assert.deepEqual(anchorsOf('é+lan'), { anchors: ['lan'], plain: false });
    for (const none of ['[Ss][Tt][Uu][Bb]', '(?:abc)?', 'x|yz', '\\d+', 'a.b', 'ça va']) assert.deepEqual(anchorsOf(none), { plain: false }, none);
  });

  it('every match of every rule fragment contains one of its anchors', () => {
    const fragments = new Set<string>();
    for (const rules of [jsRules, pythonRules, goRules, javaRules, csharpRules] as { needs?: readonly string[]; alsoNeeds?: readonly string[] }[][])
      for (const r of rules) for (const f of [...(r.needs ?? []), ...(r.alsoNeeds ?? [])]) fragments.add(f);
    // Texts made of the fragments' own words, shuffled with quotes, spaces and punctuation, give many real matches.
    const pieces = [...fragments].flatMap((f) => anchorsOf(f).anchors ?? []).concat(['"', "'", '`', ' ', '(', '.', 'node:', '2', 's', '\n']);
    const next = random(7);
    let matches = 0;
    for (let t = 0; t < 300; t++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += pieces[Math.floor(next() * pieces.length)];
      for (const f of fragments) {
        const { anchors } = anchorsOf(f);
        if (!anchors) continue;
        for (const m of text.matchAll(new RegExp(f, 'g'))) {
          matches++;
          assert.ok(
            anchors.some((w) => m[0].includes(w)),
            `${f} matched ${JSON.stringify(m[0])} without ${anchors.join('|')}`,
          );
        }
      }
    }
    assert.ok(matches > 1000, `only ${matches} matches`);
  });

  it('the automaton finds exactly the words that occur, overlapping, nested and repeated ones included', () => {
    const words = ['he', 'she', 'his', 'hers', 'http', 'https', 'ws', 'aws-sdk', 'sdk', 'a b', 'fs/promises', 'fs'];
    const ac = new WordAutomaton(words);
    const next = random(11);
    const alphabet = 'hesirtpwsakd-/ bfomé_2\n';
    for (let t = 0; t < 2000; t++) {
      let text = '';
      const n = Math.floor(next() * 30);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const seen = new Uint8Array(words.length);
      ac.scan(text, seen);
      assert.deepEqual(
        words.filter((_, i) => seen[i]),
        words.filter((w) => text.includes(w)),
        JSON.stringify(text),
      );
      const whole = (w: string) => new RegExp(`(?<![A-Za-z0-9_])${w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}(?![A-Za-z0-9_])`).test(text);
      assert.deepEqual(
        words.filter((_, i) => seen[i] & 2),
        words.filter(whole),
        `whole words in ${JSON.stringify(text)}`,
      );
    }
  });

  it('gives the same rules as testing every fragment on its own, for each language', () => {
    const sets: [string, { needs?: readonly string[]; alsoNeeds?: readonly string[]; meta: { id: string } }[]][] = [
      ['js', jsRules],
      ['python', pythonRules],
      ['go', goRules],
      ['java', javaRules],
      ['csharp', csharpRules],
    ];
    const next = random(3);
    for (const [lang, rules] of sets) {
      const pieces = rules.flatMap((r) => [...(r.needs ?? []), ...(r.alsoNeeds ?? [])].flatMap((f) => anchorsOf(f).anchors ?? [f.replace(/\\/g, '')]));
      // Word characters beside a word (`x`, `_`, `2`) and characters that are not (`$`, `ü`): `\\bword\\b` tells them apart.
      const filler = ['"', "'", ' ', '.', '(', 'node:', 'x', '_', '2', '$', '\n', 'ü'];
      for (let t = 0; t < 300; t++) {
        let text = '';
        for (let i = 0; i < 12; i++) text += next() < 0.5 ? pieces[Math.floor(next() * pieces.length)] : filler[Math.floor(next() * filler.length)];
        const naive = rules.filter((r) => {
          if (!r.needs) return true;
          const any = (fs: readonly string[]) => fs.some((f) => new RegExp(f).test(text));
          return any(r.needs) && (!r.alsoNeeds || any(r.alsoNeeds));
        });
        assert.deepEqual(
          rulesThatCanFire(rules, text).map((r) => r.meta.id),
          naive.map((r) => r.meta.id),
          `${lang}: ${JSON.stringify(text)}`,
        );
      }
    }
  });
});
