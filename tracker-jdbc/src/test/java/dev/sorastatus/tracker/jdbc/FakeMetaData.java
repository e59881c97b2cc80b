package dev.sorastatus.tracker.jdbc;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;

/** Metadata that names a product and answers nothing else. */
final class FakeMetaData {
  private FakeMetaData() {}

  static DatabaseMetaData named(String product) {
    return (DatabaseMetaData) Proxy.newProxyInstance(FakeMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (method.getName().equals("getDatabaseProductName")) {
            return product;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
