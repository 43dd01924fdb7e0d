# syntax=docker/dockerfile:1

# The current Node.js LTS line (26: active LTS from 2026-10-28, security fixes until
# 2029-04-30), on Debian 13. test/unit/node-versions.spec.ts fails when this line
# reaches its end of life or stops being the newest LTS it knows.

# ---- build: full dependency tree, compile TypeScript to dist/, the web app to web/dist ----
FROM node:26-trixie-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
COPY web/package.json web/
RUN npm ci

COPY . .
RUN npm run build

# ---- runtime: production dependencies + compiled output only ----
FROM node:26-trixie-slim AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    TOGUNA_DATA_DIR=/var/lib/toguna

COPY package.json package-lock.json ./
COPY web/package.json web/
RUN npm ci --omit=dev \
 && npm cache clean --force

COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist

# Data directory (and the key-ring subdirectory that docker-compose mounts a
# named volume on) owned by the unprivileged user. A fresh named volume takes
# its ownership from this directory in the image.
RUN mkdir -p /var/lib/toguna/keys \
 && chown -R node:node /var/lib/toguna

USER node

EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The JavaScript heap bounded (README, *Performance and resilience*: memory).
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
