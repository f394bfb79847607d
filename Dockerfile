# syntax=docker/dockerfile:1
# Campaign Console: deps → build → runtime. The runtime image holds the standalone server (server.js and
# only the node_modules it uses), the static files, the committed migrations and a bundled migrate script;
# it starts by migrating (under a PostgreSQL advisory lock: N instances may start at once), then serves.

FROM node:20-slim AS deps
WORKDIR /app
# patches/: fixes to dependencies, applied by npm ci's postinstall (patch-package)
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund

FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# the migrate script as one file: the runtime has no tsx and no dev dependencies
RUN mkdir -p public \
 && npm run build \
 && npx esbuild scripts/migrate.ts --bundle --platform=node --format=esm --target=node20 \
      --external:@electric-sql/pglite --external:pino --outfile=dist/migrate.mjs \
      --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"

FROM node:20-slim AS runtime
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: SIGTERM is ours (instrumentation.ts drains the job worker, then exits 0).
# HOSTNAME: Docker sets it to the container id; the server must listen on every interface.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true \
    HOSTNAME=0.0.0.0 \
    PORT=3000
RUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --home-dir /app app \
 && chown app:app /app
COPY --from=build --chown=app:app /app/.next/standalone ./
COPY --from=build --chown=app:app /app/.next/static ./.next/static
COPY --from=build --chown=app:app /app/public ./public
COPY --from=build --chown=app:app /app/db/migrations ./db/migrations
COPY --from=build --chown=app:app /app/dist/migrate.mjs ./migrate.mjs
USER app
EXPOSE 3000
STOPSIGNAL SIGTERM
# liveness: the process answers and reaches its database (readiness, /api/ready, is for the load balancer)
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["sh", "-c", "node migrate.mjs && exec node server.js"]
