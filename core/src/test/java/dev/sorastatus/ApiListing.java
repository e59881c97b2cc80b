package dev.sorastatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a module's public API as text, one line per public or protected signature, so that each published
 * module can commit its {@code api.txt} and a test can fail when the code and the file part ways: every
 * change to what users see is then a diff that someone reads. Other modules use it from core's test jar.
 *
 * <p>Run a module's {@code ApiListingTest} with {@code -Dapi.update=true} to rewrite its file.
 */
public final class ApiListing {
  private ApiListing() {}

  /**
   * Returns the listing of the public types compiled into {@code classes}.
   *
   * @param classes a module's {@code target/classes}
   * @param loader a loader that sees those classes
   * @return the listing, ending with a newline
   */
  public static String of(Path classes, ClassLoader loader) {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String relative = classes.relativize(file).toString().replace('\\', '/');
        if (relative.endsWith("module-info.class") || relative.endsWith("package-info.class")) {
          continue;
        }
        String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        Class<?> type = Class.forName(name, false, loader);
        if (isVisible(type)) {
          types.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("a compiled class cannot be loaded: " + e.getMessage(), e);
    }
    types.sort((a, b) -> a.getName().compareTo(b.getName()));
    StringBuilder out = new StringBuilder();
    for (Class<?> type : types) {
      out.append(declaration(type)).append('\n');
      for (String member : members(type)) {
        out.append("  ").append(member).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Compares a module's listing with its committed file, or rewrites the file when {@code api.update} is set.
   *
   * @param classes the module's {@code target/classes}
   * @param committed the module's {@code api.txt}
   * @param loader a loader that sees the classes
   * @return null when they agree (or the file was rewritten), else a message with the lines that differ
   */
  public static String check(Path classes, Path committed, ClassLoader loader) {
    String actual = of(classes, loader);
    try {
      if (Boolean.getBoolean("api.update")) {
        Files.writeString(committed, actual, StandardCharsets.UTF_8);
        return null;
      }
      String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
      if (expected.equals(actual)) {
        return null;
      }
      List<String> was = Arrays.asList(expected.split("\n", -1));
      List<String> is = Arrays.asList(actual.split("\n", -1));
      String removed = was.stream().filter(l -> !is.contains(l)).map(l -> "- " + l).collect(Collectors.joining("\n"));
      String added = is.stream().filter(l -> !was.contains(l)).map(l -> "+ " + l).collect(Collectors.joining("\n"));
      return "the public API differs from " + committed + " (review the change, then run the test with "
          + "-Dapi.update=true to rewrite the file):\n" + removed + (removed.isEmpty() ? "" : "\n") + added;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails, with the lines that differ, when the public API of the module under test (its
   * {@code target/classes}, the working directory being the module) is not its committed {@code api.txt}.
   *
   * @throws AssertionError if they differ
   */
  public static void assertMatchesCommitted() {
    String diff = check(Path.of("target/classes"), Path.of("api.txt"), Thread.currentThread().getContextClassLoader());
    if (diff != null) {
      throw new AssertionError(diff);
    }
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int m = t.getModifiers();
      boolean nested = t.getDeclaringClass() != null;
      if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
        return false;
      }
      if (!Modifier.isPublic(m) && !(nested && Modifier.isProtected(m))) {
        return false;
      }
    }
    return true;
  }

  private static String declaration(Class<?> type) {
    StringBuilder s = new StringBuilder();
    int m = type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT & ~Modifier.STATIC & ~Modifier.FINAL;
    s.append(Modifier.toString(m));
    if (type.isAnnotation()) {
      s.append(" @interface ");
    } else if (type.isInterface()) {
      s.append(" interface ");
    } else if (type.isEnum()) {
      s.append(" enum ");
    } else if (type.isRecord()) {
      s.append(" record ");
    } else {
      s.append(Modifier.isAbstract(type.getModifiers()) ? " abstract" : "")
          .append(Modifier.isFinal(type.getModifiers()) ? " final" : "").append(" class ");
    }
    s.append(type.getName());
    if (type.isRecord()) {
      s.append(Arrays.stream(type.getRecordComponents())
          .map(c -> c.getGenericType().getTypeName() + " " + c.getName())
          .collect(Collectors.joining(", ", "(", ")")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      s.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      s.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(Type::getTypeName).sorted().collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  private static List<String> members(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (isApi(f.getModifiers()) && !f.isSynthetic()) {
        out.add(f.isEnumConstant() ? "constant " + f.getName() : "field " + f.toGenericString());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(c.getModifiers()) && !c.isSynthetic() && !type.isEnum()) {
        out.add("constructor " + signature(c));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isApi(method.getModifiers()) && !method.isSynthetic() && !method.isBridge() && !isImplicit(type, method)) {
        out.add("method " + signature(method));
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Leaves out what the language writes for every enum, so that the listing shows choices. */
  private static boolean isImplicit(Class<?> type, Method method) {
    return type.isEnum()
        && ((method.getName().equals("values") && method.getParameterCount() == 0)
            || (method.getName().equals("valueOf") && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == String.class));
  }

  private static String signature(Executable e) {
    String generic = e.toGenericString();
    // Strip the declaring class from the name: the listing already groups members under their type.
    String owner = e.getDeclaringClass().getName() + ".";
    return Objects.requireNonNull(generic).replace(owner, "").replace(e.getDeclaringClass().getName() + "(",
        e.getDeclaringClass().getSimpleName() + "(");
  }
}
