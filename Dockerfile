# Pantau's image (docker-compose.yml builds it as pantau:local) holds the server that the tests built and trained:
# run the README's test command (.ci/run) first. It packages the server and trains the JDK's AOT cache
# (target/quarkus-app/app.aot) on a real workload in AotCacheIT, on Temurin 25.0.3+9. A cache is valid only for the
# JDK build that trained it, so the image runs exactly that build (ComposeFileTest holds the tag to the tests' JDK).
# The image needs no registry at run time and no build tools: the build context is the tested target/quarkus-app.

FROM eclipse-temurin:25.0.3_9-jdk
# The compose health check calls curl, which the base image ships: fail here, not later, if a new base lacks it.
RUN command -v curl > /dev/null \
    && groupadd --system --gid 10001 pantau \
    && useradd --system --uid 10001 --gid pantau --home-dir /deployments --no-create-home \
         --shell /usr/sbin/nologin pantau
WORKDIR /deployments
# The application stays owned by root: the pantau user reads it, it cannot change it.
COPY target/quarkus-app/ /deployments/
# No cache, or one this JDK cannot use, fails the build here rather than slowing every start (AOTMode=on refuses).
RUN test -s /deployments/app.aot || { echo "target/quarkus-app/app.aot is missing: run .ci/run before building"; exit 1; }; \
    java -XX:AOTCache=/deployments/app.aot -XX:AOTMode=on -cp /deployments/quarkus-run.jar -version
USER pantau
EXPOSE 8080
# The heap follows the container's memory limit. More JVM flags: JAVA_TOOL_OPTIONS in the environment.
ENTRYPOINT ["java", "-XX:AOTCache=/deployments/app.aot", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", \
            "-jar", "/deployments/quarkus-run.jar"]
