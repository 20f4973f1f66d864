import { create } from 'zustand';

/**
 * The question asked before an action that would lose unsaved work (Open, New, Import, an
 * example): Save / Don't save / Cancel, as desktop editors ask it. One question at a time; the
 * dialog (ConfirmDialog.tsx) answers it.
 */

export type Answer = 'save' | 'discard' | 'cancel';

export interface Question {
  title: string;
  message: string;
  answer(a: Answer): void;
}

export const useQuestion = create<{ question: Question | null }>()(() => ({ question: null }));

export function ask(title: string, message: string): Promise<Answer> {
  const pending = useQuestion.getState().question;
  // A second question while one is open (a shortcut pressed twice) cancels the first.
  if (pending) pending.answer('cancel');
  return new Promise<Answer>((resolve) => {
    const q: Question = {
      title,
      message,
      answer(a) {
        if (useQuestion.getState().question === q) useQuestion.setState({ question: null });
        resolve(a);
      },
    };
    useQuestion.setState({ question: q });
  });
}
