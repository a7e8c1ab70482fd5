import type { FastifyReply } from 'fastify';

/** Aborts an admin's upstream call (a channel test, a look-up) when their connection goes away. */
export function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
