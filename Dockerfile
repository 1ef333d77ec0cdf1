# One image for every cluster process: the silo (also the `migrate` step) and the api-host.
# Build: docker build -t orderactors .   (docker-compose.yml builds it for you)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so code changes do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY grain-interfaces/OrderActors.GrainInterfaces.csproj grain-interfaces/
COPY grains/OrderActors.Grains.csproj grains/
COPY marketplaces/OrderActors.Marketplaces.csproj marketplaces/
COPY marketplace-sim/OrderActors.MarketplaceSim.csproj marketplace-sim/
COPY infrastructure/OrderActors.Infrastructure.csproj infrastructure/
COPY silo/OrderActors.Silo.csproj silo/
COPY api-host/OrderActors.ApiHost.csproj api-host/
RUN dotnet restore silo/OrderActors.Silo.csproj \
 && dotnet restore api-host/OrderActors.ApiHost.csproj
COPY grain-interfaces/ grain-interfaces/
COPY grains/ grains/
COPY marketplaces/ marketplaces/
COPY marketplace-sim/ marketplace-sim/
COPY infrastructure/ infrastructure/
COPY silo/ silo/
COPY api-host/ api-host/
RUN dotnet publish silo/OrderActors.Silo.csproj -c Release --no-restore -o /app/silo \
 && dotnet publish api-host/OrderActors.ApiHost.csproj -c Release --no-restore -o /app/api-host

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/silo ./silo
COPY --from=build /app/api-host ./api-host
ENV ASPNETCORE_URLS=http://+:8080
# Silo-to-silo, client gateway, HTTP (api-host; health and metrics on silos).
EXPOSE 11111 30000 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/api-host/OrderActors.ApiHost.dll"]
