# syntax=docker/dockerfile:1
# One image for the three duban processes; docker-compose.yml picks the entry file per service:
#   node dist/scripts/migrate.js | node dist/worker/main.js | node dist/api/server.js

# ---- build: compile TypeScript to dist/, keeping the source layout -------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The folders tsconfig.build.json compiles (test/deploy/compose.test.ts keeps this list in step).
COPY tsconfig.json tsconfig.build.json ./
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY worker ./worker
COPY shared ./shared
COPY scripts ./scripts

# The web console (docs/console.md): built with Vite here, served by the API from dist/web/dist.
COPY web ./web

# tsc emits only .js: the migration runner reads its SQL from dist/shared/db/migrations at run time.
RUN npm run build \
 && mkdir -p dist/shared/db \
 && cp -R shared/db/migrations dist/shared/db/migrations \
 && npm run build:web \
 && mkdir -p dist/web \
 && cp -R web/dist dist/web/dist

# ---- runtime: production dependencies and compiled code, as the unprivileged `node` user ----------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
# @temporalio/worker stays: the worker bundles dist/workflows with webpack when it starts.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
