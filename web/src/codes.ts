// The CAMEO codebook from GET /api/codes, fetched once per page load.
import { Code, get } from "./api";

let codes: Promise<Map<string, Code>> | null = null;
let loaded: Map<string, Code> | null = null;

export function codebook(): Promise<Map<string, Code>> {
  if (!codes) {
    codes = get<{ codes: Code[] }>("/api/codes")
      .then((r) => (loaded = new Map((r.codes || []).map((c) => [c.code, c]))))
      .catch((e) => {
        codes = null;
        throw e;
      });
  }
  return codes;
}

// loadedCodebook is the codebook if it has arrived, else null.
export function loadedCodebook(): Map<string, Code> | null {
  return loaded;
}
