# One image recipe for the services: docker compose builds it with SERVICE=command-side|query-side, and with
# SERVICE=integration-consumer JAR=integration-consumer-exec.jar for the reference consumer.
# Stage 1 builds the service's jar (and the modules it needs) with the same Maven command as the README.
FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN mvn -B -q -pl ${SERVICE} -am -DskipTests package

# Stage 2 runs it on a JRE, as an unprivileged user.
FROM eclipse-temurin:17.0.13_11-jre-jammy
ARG SERVICE
ARG JAR=${SERVICE}.jar
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 ledger
COPY --from=build /src/${SERVICE}/target/${JAR} /app/service.jar
COPY service-jvm.options /app/service-jvm.options
USER ledger
# the same heap and GC as the local runner and the benchmark (see the README's Performance section)
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
ENTRYPOINT ["java", "@/app/service-jvm.options", "-jar", "/app/service.jar"]
