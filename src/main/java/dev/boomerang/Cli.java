package dev.boomerang;

import java.util.Arrays;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar boomerang.jar COMMAND ...}. Commands are Spring beans annotated with
 * picocli's {@link Command}, each owned by its module (so {@code import} lives with the customer data); this
 * class only gathers them. Arguments of the form {@code --name=value} before the command configure Spring
 * ({@code --spring.profiles.active=postgres}).
 */
public final class Cli {

    @Command(name = "boomerang", mixinStandardHelpOptions = true,
            description = "Boomerang: brings an online store's customers back.")
    static final class Root {
    }

    private final ApplicationContext context;

    Cli(ApplicationContext context) {
        this.context = context;
    }

    /** True when an argument that is not a {@code --spring.option} follows the Spring options: a command. */
    static boolean isCommand(String[] args) {
        return commandArguments(args).length > 0;
    }

    static String[] commandArguments(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            i++;
        }
        return Arrays.copyOfRange(args, i, args.length);
    }

    static String[] springArguments(String[] args) {
        return Arrays.copyOfRange(args, 0, args.length - commandArguments(args).length);
    }

    int run(String[] args) {
        CommandLine root = new CommandLine(new Root());
        Map<String, Object> commands = context.getBeansWithAnnotation(Command.class);
        commands.values().forEach(root::addSubcommand);
        return root.execute(args);
    }
}
