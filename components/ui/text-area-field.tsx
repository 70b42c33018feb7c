import { forwardRef, type TextareaHTMLAttributes } from "react";
import { controlClasses, FieldFrame, useFieldIds } from "./field";

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string };

/** A labelled multi-line input whose error is announced with it. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField({ label, error, hint, id, className = "", ...props }, ref) {
  const { inputId, describedBy, ariaInvalid } = useFieldIds(id, error, hint);
  return (
    <FieldFrame inputId={inputId} label={label} error={error} hint={hint} className={className}>
      <textarea ref={ref} id={inputId} aria-invalid={ariaInvalid} aria-describedby={describedBy} className={controlClasses(error)} {...props} />
    </FieldFrame>
  );
});
