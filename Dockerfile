# syntax=docker/dockerfile:1
#
# AIHub's container image, in three stages so that the image that runs carries neither compilers
# nor development dependencies:
#   build   compiles the server (tsc) and the web console (Vite) into dist/
#   deps    installs the production dependencies and compiles better-sqlite3's native binding
#   (last)  node, those dependencies, dist/ and package.json, run as the unprivileged `node` user
#
# test/deploy/dockerfile-build.test.ts performs these same steps in a clean directory and starts
# the result (no Docker engine runs on the development machines): keep every instruction in the
# forms its emulator understands (test/deploy/image-build-emulator.ts), or teach it the new one.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The root `prepare` script is the build itself and needs the sources copied below; no dependency
# of the build needs its install script (better-sqlite3 is compiled in the deps stage).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
RUN npm run build

FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3's install script fetches its prebuilt binary for this platform, or compiles it
# when there is none (another CPU, another libc): the compilers stay behind in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Install scripts run only for what package.json's `allowScripts` names: better-sqlite3.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3

FROM node:20.20.2-bookworm-slim
LABEL org.opencontainers.image.title="AIHub" \
      org.opencontainers.image.description="Self-hosted LLM API gateway and relay platform" \
      org.opencontainers.image.licenses="MIT"
# HOST: reachable from outside the container. AIHUB_DATA_DIR: the SQLite database, secret.key and
# the generated admin key's hash live on a volume, not in the container's layer. NODE_OPTIONS: the
# V8 flags of src/platform/node-flags.ts (a larger young generation: far less time in garbage
# collection under load, for more memory); the deploy test holds the two equal, and
# `-e NODE_OPTIONS=...` replaces them.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    AIHUB_DATA_DIR=/data \
    NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json marks dist/ as ES modules ("type": "module"); NOTICE credits the catalog's sources.
COPY package.json NOTICE ./
RUN mkdir -p /data \
 && chown node:node /data
VOLUME ["/data"]
# uid 1000 in the base image; Kubernetes' runAsNonRoot needs the number (the chart sets it).
USER node
EXPOSE 3000
# The image has no curl: node asks /healthz (alive, even while draining on SIGTERM).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1 and handles SIGTERM itself (a graceful drain); `docker run --init` adds a
# reaper if you want one.
CMD ["node", "dist/cli.js", "serve"]
