// Validates every object of rendered manifests (kustomize output) against the schemas of its kind:
// Kubernetes (kubernetes-models), KEDA and Strimzi (@kubernetes-models/*). Exits 1 naming each invalid object, or
// any object whose kind has no schema here.
// Usage: node validate.mjs rendered.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

/** The module that holds the model of apiVersion/kind. */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}/${kind}`;
  if (group === "keda.sh") return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  if (group === "kafka.strimzi.io") return `@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const name = `${file}: ${object.apiVersion}/${object.kind} ${object.metadata?.name}`;
    let Model;
    try {
      Model = (await import(modelModule(object.apiVersion, object.kind)))[object.kind];
    } catch (e) {
      console.error(`${name}: no schema for this kind`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (e) {
      console.error(`${name}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
