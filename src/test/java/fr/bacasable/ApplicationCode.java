package fr.bacasable;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** The application's own classes, read from the class path for tests that compare them with the models. */
final class ApplicationCode {

    private ApplicationCode() {
    }

    /** Every top-level and static nested class of the application (not of its tests) under {@code fr.bacasable}. */
    static List<Class<?>> classes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Object.class));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(BacASableApp.class.getPackageName())) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (!type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                classes.add(type);
            }
        }
        return classes;
    }

    /** The classes declaring a static text constant of that name, by the constant's value. */
    static Map<String, Class<?>> constantsNamed(String name) {
        Map<String, Class<?>> found = new LinkedHashMap<>();
        for (Class<?> type : classes()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class) {
                    Class<?> previous = found.put((String) constant(type, name), type);
                    if (previous != null) {
                        throw new IllegalStateException(name + " has the same value in " + previous + " and " + type);
                    }
                }
            }
        }
        return found;
    }

    static Object constant(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
