// A failed request, said in place next to the control that sent it.
import type { ReplyError } from '../messages';

export function ErrorLine({ error }: { error: ReplyError | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
