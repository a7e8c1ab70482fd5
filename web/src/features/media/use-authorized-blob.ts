import { useEffect, useState } from 'react';
import { mediaCall } from './media-call';

export interface AuthorizedBlob {
  /** An object URL of the file, once fetched. */
  url: string | null;
  error: unknown;
}

/**
 * A `/v1` file (a video's content) as an object URL: the API needs the playground key in a
 * header, which <video src> cannot send, so it is fetched and played from memory, freed when the
 * component goes or the path changes.
 */
export function useAuthorizedBlob(userId: string, path: string | null): AuthorizedBlob {
  const [state, setState] = useState<AuthorizedBlob>({ url: null, error: null });
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    let url: string | null = null;
    mediaCall(userId, path, { signal: controller.signal })
      .then(({ response }) => response.blob())
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ url: null, error });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
      setState({ url: null, error: null });
    };
  }, [userId, path]);
  return state;
}
