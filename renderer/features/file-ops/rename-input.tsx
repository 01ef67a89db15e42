/**
 * The inline "New name" editor in a grid row's name cell (F2 or a slow
 * double-click): Enter commits, Escape cancels, leaving it commits too.
 */
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';

interface RenameInputProps {
  readonly initial: string;
  /** Resolves to an error to show, or null when done. */
  readonly onCommit: (name: string) => Promise<string | null>;
  readonly onCancel: () => void;
}

export function RenameInput({ initial, onCommit, onCancel }: RenameInputProps): ReactElement {
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    const dot = initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);

  const commit = (): void => {
    if (busy.current) return;
    busy.current = true;
    void onCommit(value).then((p) => {
      busy.current = false;
      setProblem(p);
      if (p) ref.current?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    event.stopPropagation();
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <span className="rename-box">
      <input
        ref={ref}
        className="rename-input"
        type="text"
        aria-label="New name"
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
        onBlur={() => {
          if (!problem && value === initial) onCancel();
        }}
      />
      {problem ? (
        <span id={`${id}-problem`} role="alert" className="rename-problem">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
