// A short time ("6 days") whose exact moment shows on hover and on keyboard focus, and is the element's
// accessible description, so it is not hidden behind a mouse-only title attribute.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from './i18n';
import { exactText, isoTime } from './time-text';

export interface TimeWithTooltipProps {
  at: number;
  children: ComponentChildren;
  class?: string;
}

export function TimeWithTooltip({ at, children, class: className }: TimeWithTooltipProps) {
  const id = useId();
  // Escape hides the tooltip until the pointer or focus leaves (WCAG 1.4.13: dismissible).
  const [dismissed, setDismissed] = useState(false);
  const reset = () => setDismissed(false);
  return (
    <span class={`st-tip${dismissed ? ' st-tip-dismissed' : ''}`} onMouseLeave={reset}>
      <time
        class={className ? `st-tip-anchor ${className}` : 'st-tip-anchor'}
        dateTime={isoTime(at)}
        tabIndex={0}
        aria-describedby={id}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !dismissed) {
            setDismissed(true);
            event.stopPropagation();
          }
        }}
        onBlur={reset}
      >
        {children}
      </time>
      <span class="st-tooltip" role="tooltip" id={id}>
        {t('ui_exact_time', exactText(at))}
      </span>
    </span>
  );
}
