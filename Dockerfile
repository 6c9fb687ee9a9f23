# Multi-stage build: the SDK image compiles, the ASP.NET runtime image runs (with git, which smart HTTP and
# import_url need).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props GitLabLite.sln ./
COPY app/GitLabLite.csproj app/
COPY lib/GitLabLite.Lib.csproj lib/
RUN dotnet restore app/GitLabLite.csproj
COPY app/ app/
COPY lib/ lib/
COPY config/ config/
COPY db/ db/
RUN dotnet publish app/GitLabLite.csproj -c Release -o /out --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out ./
ENV ASPNETCORE_URLS=http://+:8080 \
    GitLab__RepositoriesPath=/var/opt/gitlablite/repositories
VOLUME /var/opt/gitlablite/repositories
EXPOSE 8080
ENTRYPOINT ["dotnet", "GitLabLite.dll"]
