package id.bontang.pantau.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A text of at most {@link #value()} characters (null passes: say {@code @NotBlank} where one is required). The 400
 * says how long the text sent was, so that a console can tell its user by how much.
 */
@Constraint(validatedBy = MaxLength.Check.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
public @interface MaxLength {

    int value();

    String message() default "at most {value} characters (this one has {length})";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<MaxLength, CharSequence> {

        private int max;

        @Override
        public void initialize(MaxLength constraint) {
            max = constraint.value();
        }

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            if (text == null || text.length() <= max) {
                return true;
            }
            if (context instanceof HibernateConstraintValidatorContext h) {
                h.addMessageParameter("length", text.length());
            } else {
                context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("length", text.length());
            }
            return false;
        }
    }
}
