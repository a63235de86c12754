// One run of Apache Jena's SHACL validator for bench/other_engines.py, timing parsing and
// validation apart (jena-cmds' `shacl validate` prints the report but no times).
//
// Usage: java -cp JENA_JARS:CLASSES ShaclRunner DATA.nt SHAPES.ttl REPORT.nt
// Writes the sh:ValidationReport to REPORT.nt as N-Triples and prints one JSON line:
// {"version": ..., "parsed": seconds, "validated": seconds, "results": count}.
// Only APIs present in both Jena 4.x and 5.x are used, so it runs on either.

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jena.Jena;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public final class ShaclRunner {
    private ShaclRunner() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ShaclRunner DATA.nt SHAPES.ttl REPORT.nt");
            System.exit(2);
        }
        long start = System.nanoTime();
        Graph data = RDFParser.source(args[0]).lang(Lang.NTRIPLES).toGraph();
        // The shapes are parsed and compiled here, so that "validated" is the validation
        // alone, as pySHACL's parse/validate split in bench_validate.union_run.
        Shapes shapes = Shapes.parse(RDFParser.source(args[1]).lang(Lang.TURTLE).toGraph());
        double parsed = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        double validated = (System.nanoTime() - start) / 1e9;
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            RDFDataMgr.write(out, report.getGraph(), Lang.NTRIPLES);
        }
        System.out.printf(Locale.ROOT,
                "{\"version\": \"%s\", \"parsed\": %.6f, \"validated\": %.6f, \"results\": %d}%n",
                Jena.VERSION, parsed, validated, report.getEntries().size());
    }
}
