FROM node:20-bookworm
WORKDIR /app

# Dependencies first so they are cached across source changes. .npmrc makes better-sqlite3 compile
# from source; the bookworm image has python3, make and g++ for node-gyp.
COPY package.json package-lock.json .npmrc ./
RUN npm ci

COPY . .
RUN npm run build && npm prune --omit=dev

ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
