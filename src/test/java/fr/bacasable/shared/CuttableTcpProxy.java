package fr.bacasable.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a free local port in front of a server (here PostgreSQL) that a test can cut, as a
 * database restart would: open connections are dropped and new ones refused until it is restored.
 * It can also cut at a chosen moment: when a client sends a given text (a statement, with
 * {@code prepareThreshold=0} on the JDBC URL so that statements always travel as text).
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean cut;
    private volatile byte[] cutBefore;

    public CuttableTcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and refuses new ones. */
    public void cut() {
        cut = true;
        open.forEach(CuttableTcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * Cuts as soon as a client sends this text, before the server sees it; until then the traffic
     * flows as usual.
     */
    public void cutWhenClientSends(String text) {
        cutBefore = text.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isCut() {
        return cut;
    }

    public void restore() {
        cutBefore = null;
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                threads.execute(() -> pump(client, upstream, true));
                threads.execute(() -> pump(upstream, client, false));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            byte[] previous = new byte[0];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                byte[] chunk = Arrays.copyOf(buffer, read);
                byte[] trigger = cutBefore;
                if (fromClient && trigger != null && contains(concat(previous, chunk), trigger)) {
                    cut();
                    return;
                }
                out.write(chunk);
                out.flush();
                previous = chunk;
            }
        } catch (IOException dropped) {
            closeQuietly(to);
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static boolean contains(byte[] data, byte[] text) {
        for (int start = 0; start <= data.length - text.length; start++) {
            if (Arrays.equals(data, start, start + text.length, text, 0, text.length)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
