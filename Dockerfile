# A container image of briefing: a static binary (fonts and the built-in
# briefing are compiled in) on an empty base, run as a non-root user.
#
#   docker build -t briefing .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" briefing build -config /work/config.toml
#
# The entrypoint is the briefing command, so any subcommand and flag can
# follow the image name. See docs/deploy.md.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same command cmd/briefing's TestShipping runs: a static binary
# with no cgo, reproducible paths and no symbol table.
RUN CGO_ENABLED=0 go build -trimpath -ldflags=-s -o /out/briefing ./cmd/briefing

FROM scratch
COPY --from=build /out/briefing /briefing
# Any uid works with --user; 65532 is the conventional "nonroot".
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/briefing"]
CMD ["help"]
