import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { mediaCall } from './media-call';

/**
 * A `/v1` file (a video's content) as an object URL: the API needs the playground key in a
 * header, which <video src> cannot send, so it is fetched once and played from memory.
 */
export function useAuthorizedBlob(userId: string, path: string | null) {
  const query = useQuery({
    queryKey: ['media', 'blob', userId, path],
    queryFn: async ({ signal }) => {
      const { response } = await mediaCall(userId, path!, { signal });
      return URL.createObjectURL(await response.blob());
    },
    enabled: Boolean(path),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: 1,
  });
  const url = query.data;
  // Free the memory once no one shows it (the query is dropped a minute after).
  useEffect(() => () => void (url && setTimeout(() => URL.revokeObjectURL(url), 61_000)), [url]);
  return query;
}
