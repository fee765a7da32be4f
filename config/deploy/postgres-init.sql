-- Keycloak keeps its own database on the same PostgreSQL server (docker-compose.yml)
create database keycloak;
