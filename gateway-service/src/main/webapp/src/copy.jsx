import { useState } from "preact/hooks";

/** Copies a text to the clipboard and says so; a failure (no clipboard permission) says that instead. */
export function CopyButton({ text, label = "Copy", testId }) {
  const [state, setState] = useState(null);
  const copy = () => navigator.clipboard.writeText(text).then(() => setState("Copied"), () => setState("Copy failed"));
  return <button type="button" class="secondary copy" onClick={copy} data-testid={testId} aria-live="polite">{state ?? label}</button>;
}
