/** Small pieces of the remote loader: semver tag choice, credential redaction, Go durations, schemes and hosts, cache dirs. */
import { describe, expect, it } from 'vitest';
import { parseRepoSpec } from '../../src/build/repo-spec.js';
import { userCacheDir } from '../../src/node/remote/cache.js';
import { redactText, redactUrl } from '../../src/node/remote/errors.js';
import { goDuration } from '../../src/node/remote/git.js';
import { repoSchemeAndHost } from '../../src/node/remote/limits.js';
import { highestMatching } from '../../src/node/remote/oci.js';

describe('remote loader pieces', () => {
  it.each([
    [['v1.0.0', 'v1.2.0', 'v2.0.0', 'v1.3.0-rc.1'], '>=1.0.0 <2.0.0', 'v1.2.0'],
    [['1.0', '1.1', 'v0.9.0'], '^1.0', '1.1'],
    [['6.5.0', '6.6.0', '6.6.1'], '6.6.x', '6.6.1'],
    [['v1.0.0', 'v2.0.0'], '>=1.0.0, <2.0.0', 'v1.0.0'],
  ])('semver %j %s → %s', (tags, range, best) => expect(highestMatching(tags, range, 'x')).toBe(best));
  it('semver without a match fails', () =>
    expect(() => highestMatching(['v1'], '>=2', 'src')).toThrow(/no tag matches/));

  it.each([
    ['https://user:token@github.com/org/repo', 'https://github.com/org/repo'],
    ['https://ghp_abc@github.com/org/repo', 'https://github.com/org/repo'],
    ['git::https://u:p@host/x', 'git::https://host/x'],
    ['ssh://git:secret@host/org/repo', 'ssh://git@host/org/repo'],
    ['git@github.com:org/repo', 'git@github.com:org/repo'],
  ])('redacts %s', (url, out) => expect(redactUrl(url)).toBe(out));
  it('redacts URLs inside git messages', () =>
    expect(redactText("fatal: repository 'https://x:y@h/r/' not found")).toBe(
      "fatal: repository 'https://h/r/' not found",
    ));

  it.each([
    [27_000, '27s'],
    [61_000, '1m1s'],
    [300, '300ms'],
    [3_600_000, '1h0m0s'],
    [1500, '1.5s'],
  ])('Go duration of %d ms is %s', (ms, s) => expect(goDuration(ms)).toBe(s));

  it.each([
    ['git@github.com:org/repo', 'ssh', 'github.com'],
    ['https://user@example.com:8443/org/repo', 'https', 'example.com'],
    ['ssh://git@git.example.com:7999/org/repo', 'ssh', 'git.example.com'],
    ['file:///tmp/repo', 'file', ''],
    ['github.com/org/repo', 'https', 'github.com'],
  ])('%s is %s to %s', (url, scheme, host) => {
    const spec = parseRepoSpec(url);
    expect(spec && repoSchemeAndHost(spec)).toEqual({ scheme, host });
  });

  it('the user cache dir follows Go os.UserCacheDir', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe('/x/cache');
    expect(userCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux')).toMatch(/\.cache$/);
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\u\\AppData\\Local',
    );
    expect(userCacheDir({}, 'darwin')).toMatch(/Library\/Caches$/);
  });
});
