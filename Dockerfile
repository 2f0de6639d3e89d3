# syntax=docker/dockerfile:1
#
# One image for both processes of a deployment: the worker (default command) and the API
# (`node dist/api/server.js`). See docker-compose.yml.
#
# Node 22: Node 20 reached end of life in April 2026; every dependency supports both (package.json engines).
# Debian (glibc), not Alpine: the Temporal SDK's native core ships prebuilt for glibc.
ARG NODE_VERSION=22

# --- build: compile TypeScript to dist/ and pre-bundle the workflow code -------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-workflows.ts ./scripts/
# The worker runs workflows from this bundle (WORKFLOW_BUNDLE_PATH below) instead of running webpack over
# dist/workflows at every start. It is built from the compiled JavaScript with the same
# @temporalio/worker version the runtime stage installs (same lockfile), which the bundle requires.
RUN npm run build \
  && npx tsx scripts/bundle-workflows.ts dist/workflows/index.js dist/workflow-bundle.js

# --- runtime: production dependencies and the compiled output only -------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/dist ./dist
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js

USER node
CMD ["node", "dist/worker.js"]
