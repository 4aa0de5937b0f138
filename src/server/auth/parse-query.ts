/**
 * Splitting a raw request target into the path and query the SigV4 signer expects.
 */

/** Query parameters with decoded names and values; repeated names become arrays. */
export type SignableQuery = Record<string, string | string[]>;

/**
 * Splits a raw `path?query` as received into the still-encoded path (the signer encodes it again,
 * as SigV4 does for every service but S3) and the decoded query parameters.
 */
export function splitTarget(url: string): { path: string; query: SignableQuery } {
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const query: SignableQuery = Object.create(null);
  if (mark !== -1) {
    for (const pair of url.slice(mark + 1).split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const name = decode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
      const prior = query[name];
      query[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
  }
  return { path: path === "" ? "/" : path, query };
}

/** Percent-decodes without turning `+` into a space: SigV4 treats `+` as a literal plus. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // Malformed escapes (a bare `%`): keep the text as sent; the signer re-escapes the `%`.
    if (error instanceof URIError) return text;
    throw error;
  }
}
