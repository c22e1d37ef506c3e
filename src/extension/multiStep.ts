// A multi-step quick input (VS Code's own pattern for wizards): each step shows "n/total" and a Back button, and
// Back returns to the previous step with its answer kept.
import * as vscode from 'vscode';

const BACK = Symbol('back');
type Answer<T> = T | typeof BACK | undefined;

export interface PickStep<T extends vscode.QuickPickItem> {
  kind: 'pick';
  title: string;
  items: T[];
  /** Label of the item to start on (the answer given last time). */
  active?: string;
  placeholder?: string;
  matchOnDetail?: boolean;
}

export interface InputStep {
  kind: 'input';
  title: string;
  value: string;
  prompt?: string;
  validate?(value: string): string | undefined;
}

/** Shows one step; resolves to the answer, BACK, or undefined when dismissed. */
function showStep<T extends vscode.QuickPickItem>(step: PickStep<T>, n: number, total: number): Promise<Answer<T>>;
function showStep(step: InputStep, n: number, total: number): Promise<Answer<string>>;
function showStep<T extends vscode.QuickPickItem>(step: PickStep<T> | InputStep, n: number, total: number): Promise<Answer<T | string>> {
  const disposables: vscode.Disposable[] = [];
  return new Promise<Answer<T | string>>((resolve) => {
    const done = (v: Answer<T | string>) => {
      resolve(v);
      for (const d of disposables) d.dispose();
    };
    if (step.kind === 'pick') {
      const q = vscode.window.createQuickPick<T>();
      disposables.push(q);
      q.title = step.title;
      q.step = n;
      q.totalSteps = total;
      q.items = step.items;
      q.placeholder = step.placeholder;
      q.matchOnDetail = step.matchOnDetail ?? false;
      q.ignoreFocusOut = true;
      const active = step.items.find((i) => i.label === step.active);
      if (active) q.activeItems = [active];
      q.buttons = n > 1 ? [vscode.QuickInputButtons.Back] : [];
      disposables.push(
        q.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK)),
        q.onDidAccept(() => q.selectedItems[0] && done(q.selectedItems[0])),
        q.onDidHide(() => done(undefined)),
      );
      q.show();
    } else {
      const box = vscode.window.createInputBox();
      disposables.push(box);
      box.title = step.title;
      box.step = n;
      box.totalSteps = total;
      box.value = step.value;
      box.prompt = step.prompt;
      box.ignoreFocusOut = true;
      box.buttons = n > 1 ? [vscode.QuickInputButtons.Back] : [];
      const check = () => {
        box.validationMessage = step.validate?.(box.value);
        return !box.validationMessage;
      };
      disposables.push(
        box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK)),
        box.onDidChangeValue(check),
        box.onDidAccept(() => check() && done(box.value)),
        box.onDidHide(() => done(undefined)),
      );
      box.show();
    }
  });
}

/**
 * Runs steps in order. Each step is a function of the answers so far returning the step to show (or null to skip it);
 * Back goes to the previous shown step. Resolves to the answers, or undefined when the user dismissed a step.
 */
export async function runSteps<A extends Record<string, unknown>>(
  steps: { key: keyof A & string; make(answers: Partial<A>): PickStep<vscode.QuickPickItem> | InputStep | null; value?(answer: unknown): unknown }[],
  initial: Partial<A> = {},
): Promise<Partial<A> | undefined> {
  const answers: Partial<A> = { ...initial };
  const shown: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const s = steps[i];
    const step = s.make(answers);
    if (!step) {
      i++;
      continue;
    }
    // The counter counts the steps that will be shown; steps decided by earlier answers are left out.
    const total = shown.length + steps.slice(i).filter((x) => x.make(answers) !== null).length;
    const answer = step.kind === 'pick' ? await showStep(step, shown.length + 1, total) : await showStep(step, shown.length + 1, total);
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      const prev = shown.pop();
      if (prev === undefined) continue;
      i = prev;
      continue;
    }
    (answers as Record<string, unknown>)[s.key] = s.value ? s.value(answer) : answer;
    shown.push(i);
    i++;
  }
  return answers;
}
