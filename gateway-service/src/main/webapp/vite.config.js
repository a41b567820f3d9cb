import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into the gateway's classpath: Quarkus serves META-INF/resources at the root of the one public origin.
// Two pages: the dashboard (/) and the docs (/docs/).
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "../../../target/classes/META-INF/resources",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: { dashboard: "index.html", docs: "docs/index.html" },
    },
  },
});
