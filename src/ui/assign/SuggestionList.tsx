// The suggested people as a single-select listbox: arrow keys, Home and End move the choice (selection
// follows focus), and only the chosen option is in the tab order.
import { useRef } from 'preact/hooks';
import { t } from '../i18n';
import { PersonChip } from '../PersonChip';
import type { Choice } from './assign-choices';

export interface SuggestionListProps {
  choices: Choice[];
  selected: string | null;
  now: number;
  onSelect(username: string): void;
  labelId: string;
  hintId: string;
}

export function SuggestionList({ choices, selected, now, onSelect, labelId, hintId }: SuggestionListProps) {
  const list = useRef<HTMLUListElement>(null);
  const index = choices.findIndex((c) => c.username === selected);

  const move = (to: number) => {
    const choice = choices[Math.max(0, Math.min(choices.length - 1, to))];
    if (!choice) return;
    onSelect(choice.username);
    const option = list.current?.querySelector<HTMLElement>(
      `[data-username="${CSS.escape(choice.username)}"]`,
    );
    option?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index < 0 ? 0 : index - 1,
      Home: 0,
      End: choices.length - 1,
    };
    const to = keys[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(to);
  };

  return (
    <ul
      ref={list}
      class="st-assign-list"
      role="listbox"
      aria-labelledby={labelId}
      aria-describedby={hintId}
      onKeyDown={onKeyDown}
    >
      {choices.map((choice, i) => {
        const isSelected = choice.username === selected;
        return (
          <li
            key={choice.username}
            role="option"
            class={`st-assign-option${choice.available ? '' : ' st-assign-unavailable'}`}
            aria-selected={isSelected}
            tabIndex={isSelected || (index < 0 && i === 0) ? 0 : -1}
            data-username={choice.username}
            onClick={() => move(i)}
          >
            <span class="st-assign-radio" aria-hidden="true" />
            <span class="st-assign-who">
              <PersonChip person={choice.person} now={now} />
              {!choice.available && <span class="st-marker"> {t('assign_unavailable')}</span>}
            </span>
            <span class="st-assign-reasons">{choice.reasons.join(', ')}</span>
          </li>
        );
      })}
    </ul>
  );
}
