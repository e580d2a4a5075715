# syntax=docker/dockerfile:1
# One image for every Cascade service; the container's first argument picks which one runs
# (deploy/docker/cascade-service): send-intake, fallback-timer, channel-workers, dlr-ingest,
# callbacks, provider-sim, all-in-one (bin/cascade dev in a container) or demo.
#   docker build -t cascade:dev .
#   docker run --rm -e CASCADE_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 cascade:dev fallback-timer
# docker-compose.yml builds and runs it for every service.

FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# The services' runtime classpath is the dev module's (it depends on every service): installed
# into the build stage's own Maven repository, then copied out jar by jar.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl dev -am install \
 && mvn -B -q -pl dev dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp dev/target/dev-*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cascade \
 && mkdir -p /app/data && chown cascade /app/data
WORKDIR /app
COPY --from=build /out/lib/ /app/lib/
COPY deploy/docker/cascade-service /app/cascade-service
USER cascade
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
# send-intake, dlr-ingest, fallback-timer, channel-workers, callbacks, provider-sim (HTTP), its SMSC
# (SMPP)
EXPOSE 8080 8081 8082 8083 8084 8090 2775
ENTRYPOINT ["/app/cascade-service"]
CMD ["all-in-one"]
