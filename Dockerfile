# Pantau's image (docker-compose.yml builds it as pantau:local): Maven builds the Quarkus application, a JRE
# runs it. Base images are pinned to exact versions; the build needs the Maven registry, the image nothing.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
# The build's dependencies first, in their own layer: it is rebuilt only when pom.xml changes.
COPY pom.xml ./
COPY .mvn .mvn
RUN mvn -B -q quarkus:go-offline
# Only the application's sources: the image needs no test code. -DskipTests also skips the pom's `npm ci` of
# PGlite (a test tool), so the build needs no Node.js.
COPY src/main src/main
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre
# The compose health check calls curl, which the base image ships: fail here, not later, if a new base lacks it.
RUN command -v curl > /dev/null \
    && groupadd --system --gid 10001 pantau \
    && useradd --system --uid 10001 --gid pantau --home-dir /deployments --no-create-home \
         --shell /usr/sbin/nologin pantau
WORKDIR /deployments
# The application stays owned by root: the pantau user reads it, it cannot change it.
COPY --from=build /build/target/quarkus-app/ /deployments/
USER pantau
EXPOSE 8080
# The heap follows the container's memory limit. More JVM flags: JAVA_TOOL_OPTIONS in the environment.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", \
            "-jar", "/deployments/quarkus-run.jar"]
