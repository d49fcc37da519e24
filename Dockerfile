# syntax=docker/dockerfile:1
# TokenSaas: build the front-end libraries, publish the app, run it as a non-root user.

FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY TokenSaas/TokenSaas.csproj TokenSaas/
RUN dotnet restore TokenSaas/TokenSaas.csproj
COPY package.json package-lock.json ./
COPY --from=frontend /src/node_modules ./node_modules
COPY TokenSaas/ TokenSaas/
RUN dotnet publish TokenSaas/TokenSaas.csproj -c Release -o /app --no-restore -p:SkipNpm=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataDirectory=/data
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
VOLUME ["/data"]
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "TokenSaas.dll"]
