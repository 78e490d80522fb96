# The API image (docs/operations.md, "Docker"). The same image runs the CLI: `node dist/apps/cli/src/main.js <command>`.

# --- build: compile better-sqlite3 and the TypeScript, then keep only the production dependencies ---------------
FROM node:20-bookworm AS build
WORKDIR /app
# Dependencies first, so they are cached across source changes. .prebuild-installrc makes better-sqlite3 compile
# from source with node-gyp (this image has python3, make and g++), never download a prebuilt binary.
COPY package.json package-lock.json .npmrc .prebuild-installrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: slim (no compiler, no npm cache), the compiled app owned by root, run as the unprivileged `node` ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR belongs to the user the process runs as (uid 1000, `node` in the official image); created before VOLUME so
# a new volume starts with this owner. The application files stay root's: the process cannot change its own code.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Ready, not only alive: the store answers, the read models are caught up within READY_MAX_LAG_EVENTS and the disk
# has READY_MIN_FREE_DISK_MB. The slim image has no curl or wget: Node's own fetch asks.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
