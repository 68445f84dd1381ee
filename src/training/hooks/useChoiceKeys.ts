import { useInput } from 'ink';

export interface ChoiceKeyHandlers {
  /** ↑ is −1, ↓ is +1. */
  readonly onMove: (delta: number) => void;
  readonly onConfirm: () => void;
  /** A number key 1-9, as a 0-based index. */
  readonly onNumber: (index: number) => void;
  /** Any other printable key. */
  readonly onKey?: (input: string) => void;
}

/** The keys of every list in the trainer: arrows (and j/k) move, Enter confirms, 1-9 pick directly. */
export function useChoiceKeys(handlers: ChoiceKeyHandlers, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.upArrow) handlers.onMove(-1);
      else if (key.downArrow) handlers.onMove(1);
      else if (key.return) handlers.onConfirm();
      else if (/^[1-9]$/.test(input)) handlers.onNumber(Number(input) - 1);
      else if (input !== '') handlers.onKey?.(input);
    },
    { isActive },
  );
}
