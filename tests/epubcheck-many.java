// Runs the Java EPUBCheck's own command line on several EPUBs in one JVM (start-up is most of its time): args are pairs of book and JSON report path.
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckMany {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      new EpubChecker().run(new String[] { args[i], "--json", args[i + 1] });
    }
  }
}
