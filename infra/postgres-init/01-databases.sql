-- One database per service (a service never reads another's). Runs once, on the first start of
-- an empty postgres:15 volume, as POSTGRES_USER (creditmesh), who therefore owns them.
-- infra/run.sh creates the same role and databases for the Docker-less local stack.
CREATE DATABASE creditmesh_registry;
CREATE DATABASE creditmesh_ingestion;
CREATE DATABASE creditmesh_lists;
CREATE DATABASE creditmesh_matching;
CREATE DATABASE creditmesh_repair;
CREATE DATABASE creditmesh_evaluation;
CREATE DATABASE creditmesh_exchange;
