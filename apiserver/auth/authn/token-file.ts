// Static bearer tokens (--token-auth-file), upstream's CSV format: token,user,uid,"group1,group2" per line;
// blank lines and lines starting with # are skipped. Read once at start.
import { readFileSync } from 'node:fs';
import type { UserInfo } from '../user.js';

export class TokenFileError extends Error {}

export function parseTokenFile(text: string, source = 'token file'): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = splitCsv(line);
    if (fields.length < 3) throw new TokenFileError(`${source}, line ${i + 1}: want token,user,uid[,"groups"], found ${fields.length} fields`);
    const [token, name, uid, groups] = fields as [string, string, string, string?];
    if (!token || !name) throw new TokenFileError(`${source}, line ${i + 1}: the token and the user name may not be empty`);
    if (tokens.has(token)) throw new TokenFileError(`${source}, line ${i + 1}: duplicate token`);
    const user: UserInfo = { name, groups: groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : [] };
    if (uid) user.uid = uid;
    tokens.set(token, user);
  });
  return tokens;
}

export function readTokenFile(path: string): Map<string, UserInfo> {
  return parseTokenFile(readFileSync(path, 'utf8'), path);
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}
