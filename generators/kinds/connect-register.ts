/**
 * The one-shot job's script that registers connectors with a Kafka Connect worker (Debezium's
 * and a generic Connect worker's alike), shared by their kind modules.
 */
export const REGISTER = `#!/bin/sh
# Registers (or updates) every connector in /connectors with Kafka Connect at $CONNECT_URL.
# PUT /connectors/<name>/config creates the connector or updates it, so it is safe to run again.
set -eu
for f in /connectors/*.json; do
  name=$(basename "$f" .json)
  echo "registering connector $name"
  curl -fsS --retry 10 --retry-delay 5 --retry-connrefused -X PUT \\
    -H 'Content-Type: application/json' --data-binary "@$f" "$CONNECT_URL/connectors/$name/config"
  echo
done
`;
