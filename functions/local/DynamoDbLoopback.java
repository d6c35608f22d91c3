import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local listening on 127.0.0.1 only. Its own main binds every interface and has no option
 * for the host, so this launcher builds the server from the same command-line arguments and sets the host of
 * its connectors before starting it. Run with Java's source launcher (`java DynamoDbLoopback.java ...`),
 * which every Java 17 runtime has: nothing is compiled ahead or shipped as a binary. Telemetry is never
 * configured here, so none is sent.
 */
public class DynamoDbLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setHost("127.0.0.1");
        bound++;
      }
    }
    // Never start on every interface: without a connector to restrict, refuse to start at all.
    if (bound == 0 || bound != server.getConnectors().length) {
      System.err.println("DynamoDB Local: cannot restrict the listening address to 127.0.0.1");
      System.exit(2);
    }
    proxy.start();
  }
}
