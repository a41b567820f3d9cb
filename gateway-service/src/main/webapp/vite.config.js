import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into the gateway's classpath: Quarkus serves META-INF/resources at the root of the one public origin.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "../../../target/classes/META-INF/resources",
    emptyOutDir: true,
    sourcemap: false,
  },
});
