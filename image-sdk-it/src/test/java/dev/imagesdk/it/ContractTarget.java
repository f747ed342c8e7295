package dev.imagesdk.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the target and suite of a contract class in {@link ContractReport}'s summary line. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ContractTarget {
    String target();

    String suite();
}
