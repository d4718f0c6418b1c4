package dev.lanyard.testlab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class or method) that needs the real kernel. Each test gets fresh scratch network
 * namespaces from {@link KernelLab} as parameters ({@link LabNamespace}, {@link Lab}); they are removed
 * after the test, pass or fail. Without root capabilities the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelLab.class)
@Tag("kernel")
public @interface KernelTest {}
