import { forwardRef, type InputHTMLAttributes } from "react";
import { controlClasses, FieldFrame, useFieldIds } from "./field";

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string };

/** A labelled input whose error is announced with it. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField({ label, error, hint, id, className = "", ...props }, ref) {
  const { inputId, describedBy, ariaInvalid } = useFieldIds(id, error, hint);
  return (
    <FieldFrame inputId={inputId} label={label} error={error} hint={hint} className={className}>
      <input ref={ref} id={inputId} aria-invalid={ariaInvalid} aria-describedby={describedBy} className={controlClasses(error)} {...props} />
    </FieldFrame>
  );
});
