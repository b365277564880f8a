// A labelled input with its error beside it, wired for screen readers (aria-invalid, aria-describedby).
import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  children(describedBy: string | undefined, invalid: boolean): ComponentChildren;
}

export function Field({ id, label, error, hint, children }: Props) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children(describedBy, Boolean(error))}
      {hint && (
        <p class="hint" id={hintId ?? undefined}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId ?? undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
