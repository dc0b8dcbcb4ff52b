package eu.pveportal.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The language analyzers of Elasticsearch's analysis-common module, by the same names and
 * built from the same Lucene classes with their default stop words, for distributions that
 * lack that module (the integ-test-zip used in development and CI).
 */
public final class LanguageAnalyzers {
    private LanguageAnalyzers() {}

    @NamedComponent("english")
    public static final class English implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new EnglishAnalyzer();
        }
    }

    @NamedComponent("french")
    public static final class French implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new FrenchAnalyzer();
        }
    }

    @NamedComponent("german")
    public static final class German implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new GermanAnalyzer();
        }
    }

    @NamedComponent("norwegian")
    public static final class Norwegian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new NorwegianAnalyzer();
        }
    }
}
